import { createRoute, z } from '@hono/zod-openapi'
import { certificateCreditSchema, certificateSatisfiedBy, certificateSatisfies } from '../../../domain/certificate.js'
import {
  CERTIFICATES,
  MATERIAL_FAMILIES,
  MATERIALS,
  PROCESS_GROUPS,
  PROCESSES,
  type CertificateStandard,
  type MaterialFamilyCode,
  type Process,
  getCertificate,
  getProcess,
  searchMaterials,
  searchProcesses,
} from '../../../domain/taxonomy/index.js'
import { NotFoundError } from '../../../lib/errors.js'
import { type Language, preferredLanguage } from '../../../lib/language.js'
import { publicCache } from '../../cache.js'
import { createApiRouter, jsonResponse, problemResponses } from '../../openapi.js'

const tags = ['taxonomy']

const langQuery = z.enum(['ru', 'en']).optional().openapi({ description: 'Language of `name`; defaults to Accept-Language, Russian first' })
const codeParams = z.object({ code: z.string().min(1).max(64).openapi({ param: { name: 'code', in: 'path' }, example: 'MCH.TURN' }) })

const processSchema = z
  .object({
    code: z.string(),
    group: z.string(),
    name: z.string(),
    nameRu: z.string(),
    nameEn: z.string(),
    okved2: z.string(),
    okved2Related: z.array(z.string()).optional(),
    okpd2: z.string().optional(),
    params: z.array(z.string()),
    note: z.string().optional(),
  })
  .openapi('TaxonomyProcess')

const processGroupSchema = z
  .object({ code: z.string(), name: z.string(), nameRu: z.string(), nameEn: z.string(), processes: z.array(processSchema) })
  .openapi('TaxonomyProcessGroup')

const materialSchema = z
  .object({
    code: z.string(),
    family: z.string(),
    nameRu: z.string(),
    aliases: z.array(z.string()).optional(),
    gost: z.string().optional(),
    equivalents: z.array(z.object({ system: z.string(), designation: z.string(), quality: z.enum(['exact', 'approx']) })),
    note: z.string().optional(),
  })
  .openapi('TaxonomyMaterial')

const materialFamilySchema = z.object({ code: z.string(), nameRu: z.string(), nameEn: z.string() }).openapi('TaxonomyMaterialFamily')

const certificateStandardSchema = z
  .object({
    code: z.string(),
    nameRu: z.string(),
    nameEn: z.string(),
    kind: z.string(),
    national: z.boolean(),
    supplierCapability: z.boolean(),
    scheme: z.string(),
    note: z.string().optional(),
    satisfies: z.array(certificateCreditSchema).openapi({ description: 'Other codes that holding this certificate satisfies' }),
  })
  .openapi('TaxonomyCertificate')

const certificateDetailSchema = certificateStandardSchema
  .extend({ satisfiedBy: z.array(certificateCreditSchema).openapi({ description: 'Other codes whose holders satisfy a requirement for this one' }) })
  .openapi('TaxonomyCertificateDetail')

function localizedProcess(process: Process, lang: Language) {
  return { ...process, name: lang === 'en' ? process.nameEn : process.nameRu, params: [...process.params], okved2Related: process.okved2Related && [...process.okved2Related] }
}

/** Groups in catalogue order, each with its processes in the order given, leaving out groups with none. */
function groupedProcesses(processes: readonly Process[], lang: Language) {
  return PROCESS_GROUPS.flatMap((group) => {
    const members = processes.filter((p) => p.group === group.code)
    return members.length ? [{ ...group, name: lang === 'en' ? group.nameEn : group.nameRu, processes: members.map((p) => localizedProcess(p, lang)) }] : []
  })
}

function withClosure(standard: CertificateStandard) {
  return { ...standard, satisfies: certificateSatisfies(standard.code) }
}

const router = createApiRouter()
// `name` follows Accept-Language when `lang` is absent.
router.use(publicCache(3600, 'accept-language'))

export const taxonomyApi = router
  .openapi(
    createRoute({
      method: 'get',
      path: '/processes',
      tags,
      request: { query: z.object({ q: z.string().trim().min(1).max(100).optional().openapi({ example: 'токарн' }), lang: langQuery }) },
      responses: { 200: jsonResponse(z.object({ groups: z.array(processGroupSchema) }), 'Processes by group, matching `q` when given'), ...problemResponses },
    }),
    async (c) => {
      const { q, lang } = c.req.valid('query')
      const processes = q === undefined ? PROCESSES : searchProcesses(q, PROCESSES.length)
      return c.json({ groups: groupedProcesses(processes, lang ?? preferredLanguage(c.req.header('accept-language'))) }, 200)
    },
  )
  .openapi(
    createRoute({ method: 'get', path: '/processes/{code}', tags, request: { params: codeParams, query: z.object({ lang: langQuery }) }, responses: { 200: jsonResponse(processSchema, 'The process'), ...problemResponses } }),
    async (c) => {
      const { code } = c.req.valid('param')
      const process = getProcess(code)
      if (!process) throw new NotFoundError('Process', code)
      return c.json(localizedProcess(process, c.req.valid('query').lang ?? preferredLanguage(c.req.header('accept-language'))), 200)
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/materials',
      tags,
      request: {
        query: z.object({
          q: z.string().trim().min(1).max(100).optional().openapi({ example: 'AISI 321' }),
          family: z.enum(MATERIAL_FAMILIES.map((f) => f.code) as [MaterialFamilyCode, ...MaterialFamilyCode[]]).optional(),
        }),
      },
      responses: { 200: jsonResponse(z.object({ families: z.array(materialFamilySchema), items: z.array(materialSchema) }), 'Material families and the grades matching the filters'), ...problemResponses },
    }),
    async (c) => {
      const { q, family } = c.req.valid('query')
      const found = q === undefined ? MATERIALS : searchMaterials(q, MATERIALS.length)
      const items = found.filter((m) => family === undefined || m.family === family).map((m) => ({ ...m, aliases: m.aliases && [...m.aliases], equivalents: [...m.equivalents] }))
      return c.json({ families: [...MATERIAL_FAMILIES], items }, 200)
    },
  )
  .openapi(
    createRoute({ method: 'get', path: '/certificates', tags, responses: { 200: jsonResponse(z.object({ items: z.array(certificateStandardSchema) }), 'The certificate catalogue, each with what it satisfies'), ...problemResponses } }),
    async (c) => c.json({ items: CERTIFICATES.map(withClosure) }, 200),
  )
  .openapi(
    createRoute({ method: 'get', path: '/certificates/{code}', tags, request: { params: codeParams }, responses: { 200: jsonResponse(certificateDetailSchema, 'The certificate with both directions of its closure'), ...problemResponses } }),
    async (c) => {
      const { code } = c.req.valid('param')
      const standard = getCertificate(code)
      if (!standard) throw new NotFoundError('Certificate', code)
      return c.json({ ...withClosure(standard), satisfiedBy: certificateSatisfiedBy(code) }, 200)
    },
  )
