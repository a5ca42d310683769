import { ref } from 'vue'
import { projectCampaignsListCampaigns, reportError } from '@/api'
import type { CampaignRead } from '@/api'

/** The campaigns in scope, newest year first, for filter selects (a handful per county and year). */
export function useCampaignOptions() {
  const campaigns = ref<CampaignRead[]>([])
  async function load(): Promise<void> {
    try {
      const { data } = await projectCampaignsListCampaigns({
        query: { page_size: 100, sort: '-year' },
      })
      campaigns.value = data.items
    } catch (e) {
      reportError(e)
    }
  }
  void load()
  return campaigns
}
