/**
 * Token storage. Kept in localStorage so a reload (or a second tab) stays logged in; the access token is
 * short-lived and the refresh token rotates on every use (see client.ts for the single-flight refresh).
 */
export interface TokenPair {
  access: string
  refresh: string
}

const ACCESS_KEY = 'dj.access_token'
const REFRESH_KEY = 'dj.refresh_token'

type Listener = (pair: TokenPair | null) => void
const listeners = new Set<Listener>()

export function readTokens(): TokenPair | null {
  const access = localStorage.getItem(ACCESS_KEY)
  const refresh = localStorage.getItem(REFRESH_KEY)
  return access && refresh ? { access, refresh } : null
}

export function writeTokens(pair: TokenPair): void {
  localStorage.setItem(ACCESS_KEY, pair.access)
  localStorage.setItem(REFRESH_KEY, pair.refresh)
  listeners.forEach((fn) => fn(pair))
}

export function clearTokens(): void {
  localStorage.removeItem(ACCESS_KEY)
  localStorage.removeItem(REFRESH_KEY)
  listeners.forEach((fn) => fn(null))
}

/** Called whenever this tab writes or clears the tokens. Returns the unsubscribe function. */
export function onTokensChanged(fn: Listener): () => void {
  listeners.add(fn)
  return () => listeners.delete(fn)
}

/** True when a `storage` event (another tab) touched the tokens. */
export function isTokenStorageKey(key: string | null): boolean {
  return key === null || key === ACCESS_KEY || key === REFRESH_KEY
}
