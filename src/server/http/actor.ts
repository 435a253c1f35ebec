import type { ActorRole, BureauRole, MemberRole, OrgType } from '../../core/identity/roles';
import type { Locale } from '../../core/text';

/** Who is calling: resolved once per request from the session. */
export interface Actor {
  userId: string;
  name: string;
  orgId: string;
  orgName: string;
  orgType: OrgType;
  townCode: string | null;
  memberRole: MemberRole;
  bureauRole: BureauRole | null;
  role: ActorRole;
}

/** What every use-case receives besides its input. */
export interface RequestContext {
  actor: Actor;
  requestId: string;
  ip: string;
  locale: Locale;
}
