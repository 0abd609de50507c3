"""The public pages, cached whole for readers who are not signed in.

Every page cached is valid for one content token. A write to any table that a
public page may show replaces the token (see `invalidation`), so no cached page
outlives the change; time does the rest: a page also expires when the next
scheduled article goes live and at the newsroom's midnight.
"""
