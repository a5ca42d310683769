import { defineStore } from 'pinia'
import { ref } from 'vue'
import { metaEnums } from '@/api'
import type { EnumOption } from '@/api'
import { i18n } from '@/locales'

/**
 * Enum labels from GET /api/v1/meta/enums: the single source of the Chinese labels. In English the
 * locale's `enum.<name>.<value>` is used when present. Enums the server does not label yet fall back to
 * the locale's `enumFallback` (and then to the raw value).
 */
export const useEnumsStore = defineStore('enums', () => {
  const enums = ref<Record<string, EnumOption[]>>({})
  const loaded = ref(false)
  let pending: Promise<void> | null = null

  function load(force = false): Promise<void> {
    if (loaded.value && !force) return Promise.resolve()
    if (!pending) {
      pending = metaEnums()
        .then(({ data }) => {
          enums.value = data
          loaded.value = true
        })
        .finally(() => {
          pending = null
        })
    }
    return pending
  }

  function serverLabel(name: string, value: string): string | undefined {
    return enums.value[name]?.find((o) => o.value === value)?.label
  }

  function label(name: string, value: string | null | undefined): string {
    if (value === null || value === undefined || value === '') return ''
    const t = i18n.global
    if (t.locale.value !== 'zh-CN' && t.te(`enum.${name}.${value}`))
      return t.t(`enum.${name}.${value}`)
    const fromServer = serverLabel(name, value)
    if (fromServer) return fromServer
    if (t.te(`enumFallback.${name}.${value}`)) return t.t(`enumFallback.${name}.${value}`)
    return value
  }

  function options(name: string): { value: string; label: string }[] {
    return (enums.value[name] ?? []).map((o) => ({ value: o.value, label: label(name, o.value) }))
  }

  return { enums, loaded, load, label, options }
})
