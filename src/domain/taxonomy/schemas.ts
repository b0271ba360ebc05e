import { z } from '@hono/zod-openapi'
import { isCertificateCode } from './certificates.js'
import { isMaterialCode } from './materials.js'
import { isProcessCode } from './processes.js'

function catalogueCodeSchema(isKnown: (code: string) => boolean, whatRu: string, whatEn: string) {
  return z.string().refine(isKnown, {
    error: (issue) => `Неизвестный код ${whatRu} «${String(issue.input)}» / Unknown ${whatEn} code "${String(issue.input)}"`,
  })
}

export const processCodeSchema = catalogueCodeSchema(isProcessCode, 'процесса', 'process').openapi({
  example: 'MCH.TURN',
  description: 'Код процесса из таксономии Podryad / Process code from the Podryad taxonomy',
})

export const materialCodeSchema = catalogueCodeSchema(isMaterialCode, 'материала', 'material').openapi({
  example: 'ST_40KH',
  description: 'Код марки или семейства материалов / Material grade or family code',
})

export const certificateCodeSchema = catalogueCodeSchema(isCertificateCode, 'сертификата', 'certificate').openapi({
  example: 'ISO9001',
  description: 'Код сертификата или схемы / Certificate scheme code',
})
