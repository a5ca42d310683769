import { ElMessageBox } from 'element-plus'
import { i18n } from '@/locales'

/** Ask before a workflow step or a delete; resolves false when the user backs out. */
export async function confirmStep(
  message: string,
  title: string,
  type: 'warning' | 'info' = 'warning',
): Promise<boolean> {
  const t = i18n.global.t
  try {
    await ElMessageBox.confirm(message, title, {
      type,
      confirmButtonText: t('common.confirm'),
      cancelButtonText: t('common.cancel'),
    })
    return true
  } catch {
    return false
  }
}
