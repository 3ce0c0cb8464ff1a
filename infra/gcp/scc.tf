# The Security Command Center source the findings are written under (CONTAINERWATCH_SCC_SOURCE).

resource "google_scc_source" "this" {
  count = var.organization_id == null ? 0 : 1

  organization = var.organization_id
  display_name = "containerwatch"
  description  = "Microsoft Defender for Cloud container recommendations, evaluated within seconds of a change by containerwatch."
}
