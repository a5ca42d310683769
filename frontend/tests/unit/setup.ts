import { afterEach, vi } from 'vitest'

// The client shows errors with ElMessage; unit tests only check that it was asked to.
vi.mock('element-plus', () => ({
  ElMessage: Object.assign(vi.fn(), {
    error: vi.fn(),
    warning: vi.fn(),
    success: vi.fn(),
    info: vi.fn(),
  }),
}))

afterEach(() => {
  localStorage.clear()
})
