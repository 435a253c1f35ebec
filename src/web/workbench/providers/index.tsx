/** The providers area's pages and cards (being built). */
export function DelegationsPage() {
  return null;
}

export function ClientsPage() {
  return null;
}

export function ProviderOversightPage() {
  return null;
}

export function ProviderProfilePage() {
  return null;
}

export function MyStandingPage() {
  return null;
}

export function FunnelCard() {
  return null;
}
