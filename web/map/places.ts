import { z } from 'zod'
import type { NeedMatches } from '../../src/domain/match.js'
import type { Site } from '../../src/domain/site.js'
import { type LatLon, greatCircleKm } from '../../src/geo/index.js'
import { NotFoundError } from '../../src/lib/errors.js'
import type { ServiceContext } from '../../src/services/context.js'
import { getSite } from '../../src/services/sites/get.js'
import { listSites } from '../../src/services/sites/list.js'
import type { SketchCandidate } from './sketch.js'

export type CandidateKind = 'match' | 'nearMiss'

export interface CandidatePoint extends SketchCandidate {
  orgId: string
  name: string
  kind: CandidateKind
  /** Rank among the matches; null for a near miss. */
  rank: number | null
  score: number
  distanceKm: number | null
}

const proximitySchema = z.object({ proximity: z.object({ details: z.object({ nearestSiteId: z.string().nullable() }) }) })

/** The site the score measured the distance from, when the breakdown names it. */
function scoredSiteId(breakdown: Record<string, unknown> | undefined): string | null {
  const parsed = proximitySchema.safeParse(breakdown)
  return parsed.success ? parsed.data.proximity.details.nearestSiteId : null
}

async function siteById(ctx: ServiceContext, id: string): Promise<Site | null> {
  try {
    return await getSite(ctx, id)
  } catch (error) {
    if (error instanceof NotFoundError) return null
    throw error
  }
}

/** A near miss carries no breakdown: draw it at its site nearest to the delivery point. */
async function nearestSite(ctx: ServiceContext, orgId: string, delivery: LatLon): Promise<Site | null> {
  const { items } = await listSites(ctx, orgId, { page: 1, perPage: 100 })
  return items.reduce<Site | null>((best, site) => (best === null || greatCircleKm(delivery, site) < greatCircleKm(delivery, best) ? site : best), null)
}

/** Where to draw each candidate; those without a located site are returned by name, to be listed under the picture. */
export async function locateCandidates(ctx: ServiceContext, delivery: LatLon, found: NeedMatches): Promise<{ points: CandidatePoint[]; unplaced: string[] }> {
  const located = await Promise.all([
    ...found.matches.map(async (match) => {
      const siteId = scoredSiteId(match.breakdown)
      const site = (siteId ? await siteById(ctx, siteId) : null) ?? (await nearestSite(ctx, match.orgId, delivery))
      return { site, orgId: match.orgId, name: match.name, kind: 'match' as const, rank: match.rank, score: match.score, distanceKm: match.distanceKm }
    }),
    ...found.nearMisses.map(async (miss) => ({
      site: await nearestSite(ctx, miss.orgId, delivery),
      orgId: miss.orgId,
      name: miss.name,
      kind: 'nearMiss' as const,
      rank: null,
      score: miss.score,
      distanceKm: miss.distanceKm,
    })),
  ])
  const points = located.flatMap(({ site, ...candidate }) => (site ? [{ ...candidate, id: `${candidate.kind}-${candidate.orgId}`, point: { lat: site.lat, lon: site.lon } }] : []))
  const unplaced = located.filter(({ site }) => site === null).map(({ name }) => name)
  return { points, unplaced }
}
