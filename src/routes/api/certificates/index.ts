import { createRoute, z } from '@hono/zod-openapi'
import { certificateInputSchema, certificateSchema, certificateUpdateSchema } from '../../../domain/certificate.js'
import { idParamSchema, idSchema, pageQuerySchema, pageSchema } from '../../../domain/common.js'
import { createCertificate } from '../../../services/certificates/create.js'
import { deleteCertificate } from '../../../services/certificates/delete.js'
import { getCertificate } from '../../../services/certificates/get.js'
import { listCertificates } from '../../../services/certificates/list.js'
import { rejectCertificate } from '../../../services/certificates/reject.js'
import { updateCertificate } from '../../../services/certificates/update.js'
import { verifyCertificate } from '../../../services/certificates/verify.js'
import { reasonSchema } from '../../../domain/audit.js'
import { createApiRouter, jsonBody, jsonResponse, problemResponses, problemSchema, sessionProblems } from '../../openapi.js'

const tags = ['certificates']
const params = idParamSchema('cert')
const orgParams = z.object({ orgId: idSchema('org').openapi({ param: { name: 'orgId', in: 'path' } }) })

const signedInProblems = {
  401: { description: 'Sign in first', content: { 'application/problem+json': { schema: problemSchema } } },
  403: { description: 'Only a centre verifies certificates', content: { 'application/problem+json': { schema: problemSchema } } },
} as const

const REVIEW =
  'For a curator of a centre covering the organization, or a platform admin. unverified → verified | rejected; verified → rejected; rejected → verified; anything else is a 409 listing `allowed`. The organization\'s rankings are recomputed.'

const STATUS = 'The verification status is not writable here: certificates start unverified, and any edit sends a verified or rejected one back to unverified.'

/** Mounted at `/api`: an organization's certificates are listed and created under it, and addressed by their own id afterwards. */
export const certificatesApi = createApiRouter()
  .openapi(
    createRoute({ method: 'get', path: '/organizations/{orgId}/certificates', tags, request: { params: orgParams, query: pageQuerySchema }, responses: { 200: jsonResponse(pageSchema(certificateSchema, 'CertificatePage'), "A page of the organization's certificates"), ...problemResponses, ...sessionProblems } }),
    async (c) => c.json(await listCertificates(c.var.ctx, c.req.valid('param').orgId, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({ method: 'post', path: '/organizations/{orgId}/certificates', tags, description: STATUS, request: { params: orgParams, body: jsonBody(certificateInputSchema) }, responses: { 201: jsonResponse(certificateSchema, 'Created'), ...problemResponses, ...sessionProblems } }),
    async (c) => c.json(await createCertificate(c.var.ctx, c.req.valid('param').orgId, c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({ method: 'get', path: '/certificates/{id}', tags, request: { params }, responses: { 200: jsonResponse(certificateSchema, 'The certificate'), ...problemResponses, ...sessionProblems } }),
    async (c) => c.json(await getCertificate(c.var.ctx, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({ method: 'patch', path: '/certificates/{id}', tags, description: STATUS, request: { params, body: jsonBody(certificateUpdateSchema) }, responses: { 200: jsonResponse(certificateSchema, 'Updated'), ...problemResponses, ...sessionProblems } }),
    async (c) => c.json(await updateCertificate(c.var.ctx, c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({ method: 'delete', path: '/certificates/{id}', tags, request: { params }, responses: { 204: { description: 'Deleted' }, ...problemResponses, ...sessionProblems } }),
    async (c) => {
      await deleteCertificate(c.var.ctx, c.req.valid('param').id)
      return c.body(null, 204)
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/certificates/{id}/verify',
      tags,
      description: `Marks the certificate verified; an optional reason says how it was checked. ${REVIEW}`,
      request: { params, body: { required: false, content: { 'application/json': { schema: z.object({ reason: reasonSchema.optional() }).strict().openapi('VerificationNote') } } } },
      responses: { 200: jsonResponse(certificateSchema, 'Verified'), ...problemResponses, ...signedInProblems },
    }),
    async (c) => c.json(await verifyCertificate(c.var.ctx, c.req.valid('param').id, c.req.valid('json') ?? {}), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/certificates/{id}/reject',
      tags,
      description: `Rejects the certificate: it stops counting for matching. The reason is required and shown to the owner. ${REVIEW}`,
      request: { params, body: jsonBody(z.object({ reason: reasonSchema }).strict().openapi('RejectionReason')) },
      responses: { 200: jsonResponse(certificateSchema, 'Rejected'), ...problemResponses, ...signedInProblems },
    }),
    async (c) => c.json(await rejectCertificate(c.var.ctx, c.req.valid('param').id, c.req.valid('json')), 200),
  )
