import { reactive } from 'vue'
import { ApiError, fieldErrorMap, reportError } from '@/api'

/**
 * Server field errors for an open form: bind `:error="errors.name"` on each el-form-item. `handle(e)`
 * shows the message (ElMessage) and maps `error.fields` onto the items; returns the ApiError.
 */
export function useFormErrors() {
  const errors = reactive<Record<string, string>>({})

  function clear(): void {
    for (const key of Object.keys(errors)) delete errors[key]
  }

  function handle(error: unknown): ApiError | null {
    clear()
    reportError(error)
    if (!(error instanceof ApiError)) return null
    Object.assign(errors, fieldErrorMap(error))
    return error
  }

  return { errors, clear, handle }
}
