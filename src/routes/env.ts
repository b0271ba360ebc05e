import type { ServiceContext } from '../services/context.js'

export interface AppEnv {
  Variables: {
    requestId: string
    ctx: ServiceContext
  }
}
