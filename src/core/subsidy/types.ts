/**
 * What the amount computation reads and returns. Pure data: the server loads it from the application, the
 * contract, the evaluation and the tranches; the web shows `steps` as the explanation of the suggested amount.
 */
import type { Text } from '../text';
import type { CostClass } from './policy';

export interface InvoiceFact {
  number: string;
  issuedOn: string;
  /** With tax (价税合计). */
  amountFen: number;
  taxFen: number;
  costClass: CostClass;
}

export interface PaymentFact {
  paidOn: string;
  amountFen: number;
}

export interface ApplicationFacts {
  /** The level of the confirmed effect evaluation (1–5). */
  level: number;
  /** Contract amount with tax, and without (null when not stated: the with-tax amount counts). */
  contractAmountFen: number;
  contractAmountExTaxFen: number | null;
  /** The internal acceptance date: invoices and payments dated after it do not count. */
  acceptedOn: string;
  /** The day the application was submitted (or today, for a draft's preview): picks the share rule. */
  appliedOn: string;
  invoices: readonly InvoiceFact[];
  payments: readonly PaymentFact[];
  /** Pre-subsidy already paid for this project, deducted from the final. */
  preSubsidyPaidFen: number;
  /** Other central / provincial funding for the same project. */
  otherFundingFen: number;
  aboveScale: boolean | null;
}

/** One step of the computation, in words, with the amount it arrived at (fen) where it has one. */
export interface ComputationStep {
  key: string;
  text: Text;
  amountFen: number | null;
}

export interface SubsidyComputation {
  /** False when the policy excludes the application (the reasons say why); the suggestion is then 0. */
  eligible: boolean;
  refusals: Text[];
  contractFen: number;
  invoiceTotalFen: number;
  eligibleInvoiceFen: number;
  paymentTotalFen: number;
  /** The smallest of contract, eligible invoice total and payment total (documents up to acceptance only). */
  verifiedInvestmentFen: number;
  capFen: number;
  /** The share applied (basis points), null when the policy has no share rule. */
  shareBp: number | null;
  /** Before deductions: min(cap, share × verified investment). */
  grossFen: number;
  preSubsidyDeductedFen: number;
  otherFundingDeductedFen: number;
  suggestedFen: number;
  steps: ComputationStep[];
}
