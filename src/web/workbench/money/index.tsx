/** The money area's pages (stages 7–8): finance's disbursements, the enterprise's bank account, the town's payment paperwork. */
export { DisbursementsPage } from './DisbursementsPage';
export { BankAccountPage } from './BankAccountPage';
export { PaymentPaperworkPage } from './PaymentPaperworkPage';
