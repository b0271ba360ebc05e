export * from './processes.js'
export * from './materials.js'
export * from './certificates.js'
export * from './schemas.js'
