/** Largest accepted scan: a multi-page PDF at 300 dpi fits; anything larger is not a certificate. */
export const MAX_CERTIFICATE_FILE_BYTES = 5 * 1024 * 1024

export type CertificateFileType = 'application/pdf' | 'image/png' | 'image/jpeg'

const SIGNATURES: { type: CertificateFileType; magic: number[] }[] = [
  { type: 'application/pdf', magic: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { type: 'image/png', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: 'image/jpeg', magic: [0xff, 0xd8, 0xff] },
]

/**
 * The file's type from its first bytes, never from its name or the client's Content-Type, which are
 * both whatever the uploader says; undefined for anything but PDF, PNG and JPEG.
 */
export function sniffCertificateFileType(bytes: Uint8Array): CertificateFileType | undefined {
  return SIGNATURES.find(({ magic }) => magic.every((byte, i) => bytes[i] === byte))?.type
}
