import type { Search } from '../search/client.js'
import type { ServiceContext } from '../services/context.js'

export interface AppEnv {
  Variables: {
    requestId: string
    ctx: ServiceContext
    search: Search
  }
}
