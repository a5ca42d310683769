// Import the SDK from here: this module configures the client (auth, refresh, errors) before any call.
export * from './client'
export * from './errors'
export * from './generated/sdk.gen'
export type * from './generated/types.gen'
