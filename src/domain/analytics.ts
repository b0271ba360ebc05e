import { z } from '@hono/zod-openapi'
import { dateSchema, idSchema } from './common.js'
import { needSchema } from './need.js'

/** A need is adequately served with this many qualified suppliers within its distance; fewer is unmet demand. */
export const ADEQUATE_SUPPLIERS = 3

/** Without dates the analytics cover the last 90 days, today included. */
export const DEFAULT_PERIOD_DAYS = 90

/** Three years at most: the monthly series stays readable and the aggregations bounded. */
export const MAX_PERIOD_DAYS = 1096

export const analyticsQuerySchema = z.object({
  from: dateSchema.optional().openapi({ description: 'First day of the period (Moscow time); by default 89 days before `to`' }),
  to: dateSchema.optional().openapi({ description: 'Last day of the period, included; by default today' }),
  clusterId: idSchema('clu').optional().openapi({ description: "Only needs whose contractor belongs to this cluster (one of the curator's)" }),
})

export type AnalyticsQuery = z.infer<typeof analyticsQuerySchema>

export const periodSchema = z
  .object({ from: z.string(), to: z.string(), clusterId: z.string().nullable() })
  .openapi('AnalyticsPeriod', { description: 'The period and cluster the numbers cover' })

export type AnalyticsPeriod = z.infer<typeof periodSchema>

export const UNMET_GROUPINGS = ['process', 'material', 'certificate', 'region'] as const
export type UnmetGrouping = (typeof UNMET_GROUPINGS)[number]

export const unmetDemandRowSchema = z
  .object({
    key: z.string().nullable().openapi({ description: 'Process, material or certificate code, or region code; null: the need names none (any material, no certificate)' }),
    needs: z.number().int().openapi({ description: 'Needs published in the period with this key' }),
    unmet: z.number().int().openapi({ description: `Of them, needs with fewer than ${ADEQUATE_SUPPLIERS} qualified suppliers within their distance` }),
    withoutSupplier: z.number().int().openapi({ description: 'Of them, needs with no qualified supplier at all' }),
  })
  .openapi('UnmetDemandRow')

export type UnmetDemandRow = z.infer<typeof unmetDemandRowSchema>

export const unmetDemandSchema = z
  .object({
    period: periodSchema,
    threshold: z.number().int().openapi({ description: 'Qualified suppliers a need should have' }),
    needs: z.number().int(),
    unmet: z.number().int(),
    byProcess: z.array(unmetDemandRowSchema),
    byMaterial: z.array(unmetDemandRowSchema),
    byCertificate: z.array(unmetDemandRowSchema),
    byRegion: z.array(unmetDemandRowSchema),
  })
  .openapi('UnmetDemand')

export type UnmetDemand = z.infer<typeof unmetDemandSchema>

export const certificateGapSchema = z
  .object({
    certificate: z.string(),
    suppliers: z.number().int().openapi({ description: 'Suppliers that fail only on this certificate for at least one need' }),
    needs: z.number().int().openapi({ description: 'Needs at least one of them would qualify for with the certificate' }),
    unmetNeeds: z.number().int().openapi({ description: 'Of those needs, the ones that are unmet today' }),
  })
  .openapi('CertificateGap')

export const supplierGapSchema = z
  .object({
    orgId: z.string(),
    name: z.string(),
    certificate: z.string(),
    needs: z.number().int().openapi({ description: 'Needs the supplier would qualify for with the certificate' }),
    unmetNeeds: z.number().int(),
  })
  .openapi('SupplierCertificateGap')

export const certificationGapSchema = z
  .object({ period: periodSchema, certificates: z.array(certificateGapSchema), suppliers: z.array(supplierGapSchema) })
  .openapi('CertificationGap')

export type CertificateGap = z.infer<typeof certificateGapSchema>
export type SupplierGap = z.infer<typeof supplierGapSchema>
export type CertificationGap = z.infer<typeof certificationGapSchema>

const countsShape = {
  published: z.number().int().openapi({ description: 'Needs published in the period' }),
  matched: z.number().int().openapi({ description: 'Of them, needs the matching core found at least one supplier for' }),
  introduced: z.number().int().openapi({ description: 'Of them, needs whose contractor the centre introduced to at least one supplier' }),
  contracted: z.number().int().openapi({ description: 'Of them, needs with at least one pair in status contracted' }),
}

export const monthlyIndicatorsSchema = z.object({ month: z.string().openapi({ example: '2026-10' }), ...countsShape }).openapi('MonthlyIndicators')

export const cooperationIndicatorsSchema = z
  .object({
    period: periodSchema,
    ...countsShape,
    medianHoursToIntroduction: z.number().nullable().openapi({ description: 'Median hours from publication to the first introduction, over introduced needs; null when none' }),
    met: z.number().int().openapi({ description: 'Needs with at least one supplier introduced (contracted pairs were introduced first)' }),
    metInsideCluster: z.number().int().openapi({ description: 'Of them, needs with such a supplier in a cluster of the contractor' }),
    insideClusterShare: z.number().nullable().openapi({ description: 'metInsideCluster / met, in [0, 1]; null when no need was met' }),
    trend: z.array(monthlyIndicatorsSchema).openapi({ description: 'The same counts per month of publication, every month of the period' }),
  })
  .openapi('CooperationIndicators')

export type MonthlyIndicators = z.infer<typeof monthlyIndicatorsSchema>
export type CooperationIndicators = z.infer<typeof cooperationIndicatorsSchema>

export const monthSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'Ожидается месяц ГГГГ-ММ / Expected a month YYYY-MM' })
  .openapi({ example: '2026-10' })

export const monthlyReportQuerySchema = z.object({
  month: monthSchema.optional().openapi({ description: 'The month reported on; by default the last complete month (Moscow time)' }),
  clusterId: idSchema('clu').optional(),
})

export const monthlyReportSchema = z
  .object({
    month: z.string(),
    indicators: cooperationIndicatorsSchema,
    unmetDemand: unmetDemandSchema,
    certificationGap: certificationGapSchema,
  })
  .openapi('MonthlyReport')

export type MonthlyReport = z.infer<typeof monthlyReportSchema>

export const shortlistedSupplierSchema = z
  .object({
    orgId: z.string(),
    name: z.string(),
    inn: z.string(),
    status: z.string(),
    score: z.number(),
    distanceKm: z.number(),
    city: z.string().nullable(),
    regionCode: z.string().nullable(),
    certificates: z.array(z.string()).openapi({ description: 'Standards of the certificates the match counted' }),
    statusChangedAt: z.string().nullable(),
  })
  .openapi('ShortlistedSupplier')

export type ShortlistedSupplier = z.infer<typeof shortlistedSupplierSchema>

/** The pipeline statuses of a supplier the centre has put forward for a need: shortlisted and every step after. */
export const SHORTLISTED_STATUSES = ['shortlisted', 'introduced', 'interested', 'contracted'] as const

export const needShortlistSchema = z
  .object({
    need: needSchema,
    contractorName: z.string(),
    suppliers: z.array(shortlistedSupplierSchema),
  })
  .openapi('NeedShortlist')

export type NeedShortlist = z.infer<typeof needShortlistSchema>
