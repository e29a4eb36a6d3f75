-- At a funder: the covenant version an application's approval pinned (ADR 0048), shown with the application. Null
-- before an approval, and for an approval stored before approvals pinned terms until its next fact pins them.
alter table funding_application add column covenant_version varchar(40);
