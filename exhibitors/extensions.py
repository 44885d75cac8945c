"""The lists through which apps built on the expo add to its pages without the expo importing
them (the dependency stays one way). Each entry is a template name: the page includes it, in the
order the entries were added, and the template receives the page's context and renders its part
of the page. Apps add their entries in their `AppConfig.ready()`: today the visitors app adds the
leads and meetings to the dashboard, and Follow and Request a meeting to the public pages."""

# The exhibitor portal's dashboard: the entry receives the dashboard's context (the company as
# `exhibitor`, its reservations, equipment and colleagues).
DASHBOARD_SECTIONS = []

# Buttons on the public exhibitor and equipment pages, receiving the page's context (the company
# as `exhibitor`, the listing as `item`). The pages are shared, so what they add must be the same
# for everyone.
EXHIBITOR_PAGE_ACTIONS = []
EQUIPMENT_PAGE_ACTIONS = []
