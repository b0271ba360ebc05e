import { assertNewPassword, hashPassword } from '../../auth/password.js'
import { type UserLanguage, emailSchema, userNameSchema } from '../../domain/user.js'
import { ConflictError, type FieldError, ValidationError } from '../../lib/errors.js'
import { newId } from '../../lib/ids.js'
import type { PlatformRole, Tx } from '../context.js'

export interface NewUser {
  email: string
  name: string
  password: string
  platformRole?: PlatformRole | null
  language?: UserLanguage
}

const DUPLICATE_EMAIL = 'Пользователь с таким адресом почты уже есть / A user with this email already exists'

/**
 * Creates an active user inside the caller's transaction (invitation acceptance, the admin script) and
 * returns the id. Field paths name `body.email`, `body.name` and `body.password`, as the callers' forms do.
 */
export async function createUser(tx: Tx, input: NewUser): Promise<string> {
  const email = emailSchema.safeParse(input.email)
  const name = userNameSchema.safeParse(input.name)
  const errors: FieldError[] = [
    ...(email.success ? [] : email.error.issues.map((issue) => ({ path: 'body.email', message: issue.message }))),
    ...(name.success ? [] : name.error.issues.map((issue) => ({ path: 'body.name', message: issue.message }))),
  ]
  if (errors.length || !email.success || !name.success) throw new ValidationError('Данные пользователя не прошли проверку: см. errors / The user failed validation: see errors', errors)
  assertNewPassword(input.password, email.data, 'body.password')

  // Checked before hashing, so a duplicate costs no CPU; `on conflict` still settles a race with another insert.
  const [existing] = await tx`select 1 from users where lower(email) = ${email.data}`
  if (existing) throw new ConflictError(DUPLICATE_EMAIL, { field: 'body.email' })
  const id = newId('usr')
  const passwordHash = await hashPassword(input.password)
  const [inserted] = await tx`
    insert into users (id, email, name, password_hash, platform_role, language)
    values (${id}, ${email.data}, ${name.data}, ${passwordHash}, ${input.platformRole ?? null}, ${input.language ?? 'ru'})
    on conflict ((lower(email))) do nothing
    returning id`
  if (!inserted) throw new ConflictError(DUPLICATE_EMAIL, { field: 'body.email' })
  return id
}
