/** What a caller may do with a campaign, as far as the UI needs to know (the server decides). */
import type { CampaignDetail, MeAssignment } from '@/api'

export type CampaignAction = 'open' | 'close' | 'preclaim'
export const CAMPAIGN_ACTIONS: CampaignAction[] = ['open', 'close', 'preclaim']

export interface CampaignAbilities {
  /** open / close / preclaim: exactly the server's `allowed_actions`. */
  actions: CampaignAction[]
  /** Title, year, limits: organizers of the campaign's org, until it is closed. */
  editCampaign: boolean
  /** Catalog items: only while the campaign is a draft (published catalogs are fixed). */
  editCatalog: boolean
}

export function abilities(
  c: Pick<CampaignDetail, 'allowed_actions' | 'status'>,
): CampaignAbilities {
  // allowed_actions is non-empty only for campaign_manage over the campaign's org (a closed campaign has none)
  const manages = c.allowed_actions.length > 0
  return {
    actions: CAMPAIGN_ACTIONS.filter((a) => c.allowed_actions.includes(a)),
    editCampaign: manages && c.status !== 'closed',
    editCatalog: manages && c.status === 'draft',
  }
}

/**
 * The caller's orgs that may claim in this campaign: assignments holding `project_claim` at an org strictly
 * below the campaign's org (secretaries claim for their own org; the organizing org itself does not).
 */
export function claimOrgs(
  assignments: readonly Pick<MeAssignment, 'org_id' | 'org_name' | 'org_path' | 'permissions'>[],
  campaign: Pick<CampaignDetail, 'org_id' | 'status'>,
): { org_id: number; org_name: string }[] {
  if (campaign.status !== 'open') return []
  const seen = new Set<number>()
  const out: { org_id: number; org_name: string }[] = []
  for (const a of assignments) {
    if (!a.permissions.includes('project_claim') || seen.has(a.org_id)) continue
    const below = a.org_id !== campaign.org_id && a.org_path.includes(`/${campaign.org_id}/`)
    if (!below) continue
    seen.add(a.org_id)
    out.push({ org_id: a.org_id, org_name: a.org_name })
  }
  return out
}

/** Claims left for the caller (the limit counts every claim not withdrawn). */
export function claimsLeft(c: Pick<CampaignDetail, 'max_claims' | 'my_claim_count'>): number {
  return Math.max(0, c.max_claims - c.my_claim_count)
}
