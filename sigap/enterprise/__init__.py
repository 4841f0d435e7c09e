"""Entrepreneurship groups (kelompok usaha: KUBE, UMKM, farmers' groups) and their link to
prevention: which at-risk households the programme has not reached yet.

A group is a business run together by residents of the village. It has members (registry
residents; each member's household follows from the resident), grants and loans received,
mentoring visits by the village's facilitator (notes encrypted at rest), monthly turnover and
profit, a maturity stage, and for each member household its income band before joining and
after.

**Maturity ladder** (``Group.Stage``), judged by the facilitator at a mentoring visit:

1. *Rintisan* (starting): the business is being set up or sells now and then; no regular books.
2. *Tumbuh* (growing): sells every month, keeps monthly turnover and profit, members share work
   and income.
3. *Mandiri* (self-reliant): profitable in most of the last six months without new grants, repays
   its loans, and can borrow from the cooperative or a bank on its own.

A group that stops is closed with an end date and a reason, never deleted (the evaluation counts
enterprises still alive after 6 and 12 months).

**Who may do what** (capabilities in ``sigap.core.roles``; everyone else gets 404):

* ``manage_groups`` (Koordinator, Pengurus Koperasi): every group page and every write; the
  group's facilitator is one of them.
* ``plan_outreach`` (Koordinator, Admin Desa): the list of at-risk households in neither the
  cooperative nor a group (``registry.selectors.vulnerable_households`` says who is at risk).
* The household page's card (group and cooperative membership of its residents): holders of
  either capability. It shows membership, never savings balances or a group's figures.
* ``view_aggregates`` (Admin Desa, Koordinator, Analis) and ``manage_groups``: the home card with
  the programme's counts (groups by stage, households whose income rose, funds received).
* Pendamping, Kader and Mitra see nothing of the groups: a household's income and a group's
  mentoring notes are not needed for case work or for a dusun's registry; they refer households
  to the Koordinator.
"""
