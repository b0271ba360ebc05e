import { parseArgs } from 'node:util'
import { newPasswordErrors } from '../src/auth/password.js'
import { loadConfig } from '../src/config.js'
import { createSql } from '../src/db/client.js'
import { migrate } from '../src/db/migrate.js'
import { emailSchema, userNameSchema } from '../src/domain/user.js'
import { startInfrastructure } from '../src/infrastructure.js'
import { ServiceError } from '../src/lib/errors.js'
import { createLogger } from '../src/lib/log.js'
import { createUser } from '../src/services/users/createUser.js'

/**
 * `npm run admin:create -- --email a@b.ru --name "Имя"`: creates a platform admin, the first account of a
 * fresh installation. The password comes from PODRYAD_ADMIN_PASSWORD or, on a terminal, from a prompt
 * without echo; there is no default password. Exit codes: 0 created, 1 refused (weak password, taken
 * email, database error), 2 wrong usage.
 */

const USAGE = `Usage: npm run admin:create -- --email <email> --name <name>
  The password is read from PODRYAD_ADMIN_PASSWORD or, when stdin is a terminal, asked for twice.`

function usage(problem: string): never {
  console.error(`${problem}\n${USAGE}`)
  process.exit(2)
}

function parseArguments(): { email: string; name: string } {
  let parsed: { values: { email?: string | undefined; name?: string | undefined } }
  try {
    parsed = parseArgs({ options: { email: { type: 'string' }, name: { type: 'string' } }, strict: true, allowPositionals: false })
  } catch (err) {
    usage(err instanceof Error ? err.message : String(err))
  }
  const { values } = parsed
  const email = emailSchema.safeParse(values.email ?? '')
  if (!email.success) usage(values.email === undefined ? 'Missing --email' : `Not an email address: ${values.email}`)
  const name = userNameSchema.safeParse(values.name ?? '')
  if (!name.success) usage('Missing --name')
  return { email: email.data, name: name.data }
}

/** Reads one line from the terminal in raw mode, echoing nothing; Ctrl-C aborts. */
function promptHidden(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin
    process.stdout.write(question)
    stdin.setRawMode(true)
    stdin.resume()
    stdin.setEncoding('utf8')
    let answer = ''
    const finish = (): void => {
      stdin.setRawMode(false)
      stdin.pause()
      stdin.off('data', onData)
      process.stdout.write('\n')
    }
    const onData = (chunk: string): void => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') {
          finish()
          resolve(answer)
          return
        }
        if (char === '\u0003') {
          finish()
          reject(new Error('Cancelled'))
          return
        }
        if (char === '\u007f' || char === '\b') answer = answer.slice(0, -1)
        else answer += char
      }
    }
    stdin.on('data', onData)
  })
}

async function readPassword(): Promise<string> {
  const fromEnv = process.env.PODRYAD_ADMIN_PASSWORD
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv
  if (!process.stdin.isTTY) usage('No password: set PODRYAD_ADMIN_PASSWORD or run on a terminal')
  const first = await promptHidden('Password: ')
  const second = await promptHidden('Repeat the password: ')
  if (first !== second) {
    console.error('The passwords differ.')
    process.exit(1)
  }
  return first
}

const { email, name } = parseArguments()
const password = await readPassword()
// Checked before any server starts, so a weak password is refused in a moment.
const passwordErrors = newPasswordErrors(password, email, 'password')
if (passwordErrors.length) {
  console.error(`Password refused:\n${passwordErrors.map((e) => `  ${e.message}`).join('\n')}`)
  process.exit(1)
}

const config = loadConfig()
const log = createLogger(config.LOG_LEVEL)
const infrastructure = await startInfrastructure(config, log, { search: false })
const sql = createSql(infrastructure.databaseUrl, { max: 1 })
try {
  await migrate(sql)
  const id = await sql.begin((tx) => createUser(tx, { email, name, password, platformRole: 'admin' }))
  console.log(`Created platform admin ${email} (${id}).`)
} catch (err) {
  if (!(err instanceof ServiceError)) throw err
  console.error(err.message)
  process.exitCode = 1
} finally {
  await sql.end()
  await infrastructure.stop()
}
