import { defineStore } from 'pinia'
import { usersGetUser } from '@/api'
import type { UserRead } from '@/api'
import { createLookup } from '@/utils/lookup'

export type UserLike = Pick<UserRead, 'id' | 'username' | 'full_name'>

/** Names of users referenced by id (audit actors, org secretaries). */
export const useUsersStore = defineStore('users', () => {
  const names = createLookup<UserLike>(async (id) => {
    const { data } = await usersGetUser({ path: { user_id: id } })
    return { id: data.id, username: data.username, full_name: data.full_name }
  })

  function remember(user: UserLike): void {
    names.put(user.id, { id: user.id, username: user.username, full_name: user.full_name })
  }

  function nameOf(id: number | null | undefined): string {
    if (!id) return ''
    const u = names.get(id)
    return u ? `${u.full_name}（${u.username}）` : `#${id}`
  }

  return { names, remember, nameOf }
})
