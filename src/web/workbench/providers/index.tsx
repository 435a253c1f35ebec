/** The providers area's pages and cards. */
export { DelegationsPage } from './Delegations';
export { ClientsPage } from './Clients';
export { ProviderOversightPage, ProviderProfilePage } from './Oversight';
export { MyStandingPage } from './Standing';
export { FunnelCard } from './Funnel';
