import { describe, expect, it } from 'vitest'
import {
  PREFERRED_SHARE, REQUIRED_SHARE, TRUST_WEIGHT, assessCertification, creditFor, matchSuppliers, validOn,
  type CertificateHeld, type MatchNeed,
} from '../../src/matching/index.js'
import { NOW, makeCertificate, makeNeed, makeSupplier } from '../fixtures/judged/builders.js'

function outcome(need: MatchNeed, certificates: CertificateHeld[]) {
  const { matches, nearMisses } = matchSuppliers(need, [makeSupplier({ certificates })], { now: NOW })
  return { match: matches[0], nearMiss: nearMisses[0] }
}

const requiresIso9001 = makeNeed({ requiredCerts: ['ISO9001'], deadline: '2027-02-01' })

describe('certification: implication closure', () => {
  it('IATF 16949 satisfies a required ISO 9001', () => {
    const { match } = outcome(requiresIso9001, [makeCertificate({ standard: 'IATF16949', validUntil: '2027-03-31' })])
    expect(match).toBeDefined()
    expect(match?.breakdown.certification.details.required[0]?.satisfiedBy?.standard).toBe('IATF16949')
    expect(match?.certificatesUsed).toEqual([
      { id: 'cert-1', standard: 'IATF16949', status: 'verified', validUntil: '2027-03-31', covers: ['ISO9001'] },
    ])
    expect(match?.explanation.ru).toContain('IATF 16949 (покрывает ISO 9001) действителен до 2027-03')
  })

  it('ISO 13485 does not satisfy ISO 9001: a near miss naming the required standard', () => {
    const { match, nearMiss } = outcome(requiresIso9001, [makeCertificate({ standard: 'ISO13485' })])
    expect(match).toBeUndefined()
    expect(nearMiss?.constraint).toBe('certificate')
    expect(nearMiss?.miss).toEqual({ certificate: 'ISO9001', softAlternatives: [], notValidOnDeadline: [], rejected: [] })
    expect(nearMiss?.message).toEqual({ ru: 'нет действующего ISO 9001', en: 'no valid ISO 9001' })
  })

  it('identical national adoption counts even in strict national mode; a foreign sector QMS does not', () => {
    const strict = makeNeed({ requiredCerts: ['ISO9001'], strictNational: true })
    expect(outcome(strict, [makeCertificate({ standard: 'GOST_R_ISO9001' })]).match).toBeDefined()
    expect(outcome(strict, [makeCertificate({ standard: 'IATF16949' })]).nearMiss?.constraint).toBe('certificate')
  })
})

describe('certification: validity on the deadline', () => {
  it('fails a certificate valid today that expires before the deadline, and says so', () => {
    const { match, nearMiss } = outcome(requiresIso9001, [makeCertificate({ standard: 'ISO9001', validUntil: '2026-12-01' })])
    expect(match).toBeUndefined()
    expect(nearMiss?.miss).toMatchObject({
      certificate: 'ISO9001',
      notValidOnDeadline: [{ standard: 'ISO9001', validFrom: '2024-01-01', validUntil: '2026-12-01' }],
    })
    expect(nearMiss?.message.ru).toBe('нет действующего ISO 9001; ISO 9001 истекает 2026-12-01, до срока 2027-02-01')
    expect(nearMiss?.message.en).toBe('no valid ISO 9001; ISO 9001 expires 2026-12-01, before deadline 2027-02-01')
  })

  it('tells an already expired certificate from one expiring later', () => {
    const { nearMiss } = outcome(requiresIso9001, [makeCertificate({ standard: 'ISO9001', validUntil: '2025-05-01' })])
    expect(nearMiss?.message.en).toContain('ISO 9001 expired 2025-05-01')
  })

  it('counts a certificate valid through the deadline day, one with no expiry, and one starting before the deadline', () => {
    expect(outcome(requiresIso9001, [makeCertificate({ validUntil: '2027-02-01' })]).match).toBeDefined()
    expect(outcome(requiresIso9001, [makeCertificate({ validUntil: null })]).match).toBeDefined()
    expect(outcome(requiresIso9001, [makeCertificate({ validFrom: '2027-01-15', validUntil: null })]).match).toBeDefined()
    expect(outcome(requiresIso9001, [makeCertificate({ validFrom: '2027-02-02', validUntil: null })]).match).toBeUndefined()
  })

  it('validOn is inclusive at both ends', () => {
    const certificate = makeCertificate({ validFrom: '2026-01-01', validUntil: '2026-12-31' })
    expect(validOn(certificate, '2026-01-01')).toBe(true)
    expect(validOn(certificate, '2026-12-31')).toBe(true)
    expect(validOn(certificate, '2027-01-01')).toBe(false)
  })
})

describe('certification: status', () => {
  it('a rejected certificate does not satisfy', () => {
    const { match, nearMiss } = outcome(requiresIso9001, [makeCertificate({ standard: 'IATF16949', status: 'rejected' })])
    expect(match).toBeUndefined()
    expect(nearMiss?.miss).toMatchObject({ certificate: 'ISO9001', rejected: ['IATF16949'] })
    expect(nearMiss?.message.ru).toContain('сертификат IATF 16949 отклонён центром')
  })

  it('verified by a centre scores above unverified (self-declared)', () => {
    const verified = outcome(requiresIso9001, [makeCertificate({ status: 'verified' })]).match
    const unverified = outcome(requiresIso9001, [makeCertificate({ status: 'unverified' })]).match
    expect(verified?.breakdown.certification.value).toBe(1)
    expect(unverified?.breakdown.certification.value).toBeCloseTo(REQUIRED_SHARE * TRUST_WEIGHT.unverified + PREFERRED_SHARE)
    expect(verified?.score ?? 0).toBeGreaterThan(unverified?.score ?? 1)
    expect(unverified?.explanation.ru).toContain('не проверен центром')
  })

  it('a verified certificate outranks an unverified one of the same standard held by the same supplier', () => {
    const credit = creditFor('ISO9001', [
      makeCertificate({ id: 'a', status: 'unverified' }),
      makeCertificate({ id: 'b', status: 'verified' }),
    ], '2027-01-01', false)
    expect(credit.satisfiedBy?.certificateId).toBe('b')
    expect(credit.credit).toBe(1)
  })
})

describe('certification: soft edges and preferred standards', () => {
  it('a soft edge gives partial credit but does not meet a hard requirement', () => {
    const need = makeNeed({ requiredCerts: ['AS9100'] })
    const { match, nearMiss } = outcome(need, [makeCertificate({ standard: 'GOST_R_EN9100_2011' })])
    expect(match).toBeUndefined()
    expect(nearMiss?.constraint).toBe('certificate')
    expect(nearMiss?.miss).toMatchObject({ certificate: 'AS9100', softAlternatives: ['GOST_R_EN9100_2011'] })
    expect(nearMiss?.message.ru).toBe('нет действующего AS9100D; есть только ГОСТ Р ЕН 9100-2011 (частичное соответствие)')
    expect(nearMiss?.message.en).toBe('no valid AS9100D; only GOST R EN 9100-2011 (soft)')
    const required = nearMiss?.breakdown.certification.details.required[0]
    expect(required?.credit).toBeCloseTo(0.7)
    expect(required?.satisfiedBy).toBeNull()
  })

  it('preferred certificates add score, soft ones partially', () => {
    const need = makeNeed({ requiredCerts: ['ISO9001'], preferredCerts: ['IATF16949'] })
    const base = assessCertification(need, [makeCertificate({ standard: 'ISO9001' })]).value
    const soft = assessCertification(need, [makeCertificate({ standard: 'ISO9001' }), makeCertificate({ id: 'c2', standard: 'GOST_R_58139' })]).value
    const full = assessCertification(need, [makeCertificate({ standard: 'IATF16949' })]).value
    expect(base).toBeCloseTo(REQUIRED_SHARE)
    expect(soft).toBeCloseTo(REQUIRED_SHARE + PREFERRED_SHARE * 0.7)
    expect(full).toBe(1)
    expect(outcome(need, [makeCertificate({ standard: 'IATF16949' })]).match?.explanation.en).toContain('preferred held: IATF 16949')
  })

  it('requiring two standards and missing both is not a near miss', () => {
    const need = makeNeed({ requiredCerts: ['ISO9001', 'ISO14001'] })
    const { match, nearMiss } = outcome(need, [])
    expect(match).toBeUndefined()
    expect(nearMiss).toBeUndefined()
  })

  it('a need without certificate requirements gives everyone full certification credit', () => {
    expect(assessCertification(makeNeed(), []).value).toBe(1)
  })
})
