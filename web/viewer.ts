import type { Context } from 'hono'
import type { ORGANIZATION_KINDS } from '../src/domain/organization.js'
import { UnauthorizedError, isCurator, isPlatformAdmin } from '../src/services/authorization.js'
import { getOrganization } from '../src/services/organizations/get.js'
import { getMe } from '../src/services/users/me.js'
import type { WebEnv } from './env.js'

export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number]

export interface ViewerOrganization {
  id: string
  name: string
  role: 'member' | 'admin'
  kinds: readonly OrganizationKind[]
}

/** The signed-in person as the pages need them: the header, the navigation and which pages apply. */
export interface Viewer {
  name: string
  /** A curator of a subcontracting centre or a platform admin: the centre's workspace. */
  curates: boolean
  admin: boolean
  organizations: ViewerOrganization[]
}

export type NavKey = 'home' | 'capacities' | 'needs' | 'newNeed' | 'centre' | 'inbox' | 'alerts' | 'myNeeds' | 'organization'

async function load(c: Context<WebEnv>): Promise<Viewer | null> {
  const ctx = c.var.ctx
  if (ctx.actor.kind !== 'user') return null
  try {
    const me = await getMe(ctx)
    const organizations = await Promise.all(
      me.memberships.map(async (membership) => {
        const organization = await getOrganization(ctx, membership.orgId)
        return { id: organization.id, name: organization.name, role: membership.role, kinds: organization.kinds }
      }),
    )
    return { name: me.name, curates: isCurator(ctx.actor) || isPlatformAdmin(ctx.actor), admin: isPlatformAdmin(ctx.actor), organizations }
  } catch (error) {
    // A session whose user just disappeared shows as signed out.
    if (error instanceof UnauthorizedError) return null
    throw error
  }
}

/** Who is looking, read once per request however many parts of the page ask. */
export function viewerOf(c: Context<WebEnv>): Promise<Viewer | null> {
  let viewer = c.get('viewer')
  if (!viewer) {
    viewer = load(c)
    c.set('viewer', viewer)
  }
  return viewer
}

export function organizationsOfKind(viewer: Viewer | null, kind: OrganizationKind): ViewerOrganization[] {
  return viewer?.organizations.filter((organization) => organization.kinds.includes(kind)) ?? []
}
