import { createRoute } from '@hono/zod-openapi'
import {
  analyticsQuerySchema,
  certificationGapSchema,
  cooperationIndicatorsSchema,
  monthlyReportQuerySchema,
  monthlyReportSchema,
  unmetDemandSchema,
} from '../../../domain/analytics.js'
import { getCertificationGap } from '../../../services/analytics/certificationGap.js'
import { getCooperationIndicators } from '../../../services/analytics/cooperationIndicators.js'
import { getUnmetDemand } from '../../../services/analytics/unmetDemand.js'
import { getMonthlyReport } from '../../../services/exports/monthlyReport.js'
import { accessProblems, createApiRouter, jsonResponse, problemResponses } from '../../openapi.js'

const tags = ['analytics']
const scopeNote =
  "Over the needs published in the period (Moscow days, by default the last 90) by contractors in the curator's clusters and regions (every contractor for a platform admin), optionally one cluster's members. Curators and platform admins only; a cluster outside the curator's centre is a 404."

/** The centre's analytics as JSON; the dashboard at /centre/analytics shows the same numbers with charts and CSV downloads. */
export const analyticsApi = createApiRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/unmet-demand',
      tags,
      summary: 'Unmet demand by process, material, required certificate and region',
      description: `Needs with fewer than 3 qualified suppliers (matches found by the core, within the need's distance). ${scopeNote}`,
      request: { query: analyticsQuerySchema },
      responses: { 200: jsonResponse(unmetDemandSchema, 'Unmet demand'), ...problemResponses, ...accessProblems },
    }),
    async (c) => c.json(await getUnmetDemand(c.var.ctx, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/certification-gap',
      tags,
      summary: 'Suppliers that fail only on one certificate, and the needs it would open to them',
      description: `From the near misses whose only failing constraint is a required certificate; most needs unlocked first. ${scopeNote}`,
      request: { query: analyticsQuerySchema },
      responses: { 200: jsonResponse(certificationGapSchema, 'The certification gap'), ...problemResponses, ...accessProblems },
    }),
    async (c) => c.json(await getCertificationGap(c.var.ctx, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/cooperation',
      tags,
      summary: 'Needs published, matched, introduced, contracted; time to introduction; share met inside the cluster; monthly trend',
      description: scopeNote,
      request: { query: analyticsQuerySchema },
      responses: { 200: jsonResponse(cooperationIndicatorsSchema, 'Cooperation indicators'), ...problemResponses, ...accessProblems },
    }),
    async (c) => c.json(await getCooperationIndicators(c.var.ctx, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/monthly-report',
      tags,
      summary: "The centre's monthly report: indicators, unmet demand and certification gap of one month",
      description: 'The printable page is /centre/reports/monthly?month=YYYY-MM, its CSV /centre/reports/monthly.csv?month=YYYY-MM.',
      request: { query: monthlyReportQuerySchema },
      responses: { 200: jsonResponse(monthlyReportSchema, 'The monthly report'), ...problemResponses, ...accessProblems },
    }),
    async (c) => c.json(await getMonthlyReport(c.var.ctx, c.req.valid('query')), 200),
  )
