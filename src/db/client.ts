import postgres from 'postgres'

export type Sql = postgres.Sql<{ date: string }>

export interface SqlOptions {
  max?: number
  /** Seconds before a connection attempt fails: a few, so a dead database answers 503 quickly. */
  connectTimeout?: number
}

/**
 * One pool per process. Columns are camelCased on the way out and snake_cased in `sql(object)`
 * helpers; `count(*)` and bigint come back as strings, so queries cast them to int.
 */
export function createSql(url: string, options: SqlOptions = {}): Sql {
  return postgres(url, {
    max: options.max ?? 10,
    idle_timeout: 30,
    connect_timeout: options.connectTimeout ?? 5,
    max_lifetime: 60 * 30,
    transform: postgres.camel,
    onnotice: () => undefined,
    connection: { application_name: 'podryad' },
    types: {
      // Calendar dates stay 'YYYY-MM-DD' strings: a JS Date would shift them by the server's time zone.
      date: { to: 1082, from: [1082], serialize: (value: string) => value, parse: (value: string) => value },
    },
  })
}
