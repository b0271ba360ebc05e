import { join } from 'node:path'
import { z } from 'zod'
import { isMailAddress } from './notifications/message.js'

/** Unset and empty both mean "not configured": start the embedded server instead. */
const optionalUrl = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v === '' ? undefined : v))
  .pipe(z.url().optional())

const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  PUBLIC_ORIGIN: optionalUrl,
  DATA_DIR: z.string().default('.data'),
  DATABASE_URL: optionalUrl,
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  MEILI_URL: optionalUrl,
  MEILI_MASTER_KEY: z.string().optional(),
  /** Both set: the app uses these scoped keys (search only; documents/indexes/settings/tasks) and needs no master key. */
  MEILI_SEARCH_KEY: z.string().optional(),
  MEILI_DOCUMENTS_KEY: z.string().optional(),
  MEILI_BIN: z.string().optional(),
  SEARCH_INDEX_PREFIX: z.string().regex(/^[a-z0-9_]*$/).default(''),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(15_000),
  /** e.g. `smtps://user:password@smtp.example.ru:465`; unset: messages are written to MAILBOX_DIR instead. */
  SMTP_URL: optionalUrl,
  MAIL_FROM: z
    .string()
    .trim()
    .default('Podryad <no-reply@localhost>')
    .refine(isMailAddress, { error: 'Expected `Name <user@host>` or `user@host`' }),
  MAILBOX_DIR: z.string().trim().optional().transform((v) => (v === '' ? undefined : v)),
})

export type Config = z.infer<typeof configSchema> & { PUBLIC_ORIGIN: string; MAILBOX_DIR: string }

/** Reads and validates the environment once, at start-up; a bad value stops the process with the field named. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`)
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`)
  }
  const config = parsed.data
  return {
    ...config,
    PUBLIC_ORIGIN: config.PUBLIC_ORIGIN ?? `http://localhost:${config.PORT}`,
    MAILBOX_DIR: config.MAILBOX_DIR ?? join(config.DATA_DIR, 'mailbox'),
  }
}
