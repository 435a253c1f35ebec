/** How the workbench groups the actor roles the server reports in GET /auth/me. */
export type RoleGroup = 'enterprise' | 'bureau' | 'town' | 'institution' | 'provider' | 'expert';

export function roleGroup(role: string): RoleGroup {
  switch (role) {
    case 'enterprise':
      return 'enterprise';
    case 'bureauAdmin':
    case 'bureauReviewer':
    case 'bureauFinance':
      return 'bureau';
    case 'town':
      return 'town';
    case 'institutionComprehensive':
    case 'institutionDiagnostic':
      return 'institution';
    case 'leadingUnit':
    case 'catalogProvider':
    case 'leadingUnitDelegate':
      return 'provider';
    default:
      return 'expert';
  }
}

export const isBureauAdmin = (role: string) => role === 'bureauAdmin';
