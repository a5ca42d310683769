import { defineStore } from 'pinia'
import { orgsGetOrg, orgsListChildren, orgsOrgTree } from '@/api'
import type { OrgChild, OrgRead, OrgTreeNode } from '@/api'
import { createLookup } from '@/utils/lookup'

export type OrgLike = Pick<OrgRead, 'id' | 'name' | 'short_name'>

/** Orgs shared by the screens: a name cache and the lazy tree loaders (children endpoint, all pages). */
export const useOrgsStore = defineStore('orgs', () => {
  const names = createLookup<OrgLike>(
    async (id) => (await orgsGetOrg({ path: { org_id: id } })).data,
  )

  function remember(org: OrgLike): void {
    names.put(org.id, { id: org.id, name: org.name, short_name: org.short_name })
  }

  function nameOf(id: number | null | undefined, short = false): string {
    if (!id) return ''
    const org = names.get(id)
    if (org === undefined) return `#${id}`
    if (org === null) return `#${id}`
    return (short && org.short_name) || org.name
  }

  /** Scope roots of the caller (one per assignment), or the given root, without children. */
  async function roots(rootId?: number | null): Promise<OrgTreeNode[]> {
    const { data } = await orgsOrgTree({
      query: { depth: 0, ...(rootId ? { root_id: rootId } : {}) },
    })
    data.forEach(remember)
    return data
  }

  /** Every child of an org (the endpoint pages at most 100 per request). */
  async function children(orgId: number): Promise<OrgChild[]> {
    const all: OrgChild[] = []
    for (let page = 1; ; page++) {
      const { data } = await orgsListChildren({
        path: { org_id: orgId },
        query: { page, page_size: 100 },
      })
      all.push(...data.items)
      if (all.length >= data.total || data.items.length === 0) break
    }
    all.forEach(remember)
    return all
  }

  /** 简称 of an org's children by id, for chart axes where full names all start alike. */
  async function childShortNames(orgId: number): Promise<Map<number, string>> {
    const list = await children(orgId)
    return new Map(list.filter((c) => c.short_name).map((c) => [c.id, c.short_name as string]))
  }

  return { names, remember, nameOf, roots, children, childShortNames }
})
