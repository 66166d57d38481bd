CREATE SCHEMA IF NOT EXISTS orleans;
SET LOCAL search_path TO orleans;

-- Orleans ADO.NET (PostgreSQL), part 1 of 4: the query catalogue every Orleans ADO.NET provider reads.
-- Source: dotnet/orleans src/AdoNet/Shared/PostgreSQL-Main.sql (the text matching the Microsoft.Orleans.*.AdoNet
-- 10.4.2 packages; unchanged since 3.x). Changed for MhSupply: only the two lines above, which put every object
-- in schema "orleans" (names stay unqualified; the Orleans connection string carries Search Path=orleans).
-- Runs once, inside the migration runner's transaction; not re-runnable (the runner records the version).
--
-- Upstream implementation notes, in short: Orleans reads and writes only through the queries stored in
-- OrleansQuery, by column and parameter name; ETags are opaque versions (integers here); queries that report
-- success return >0 for TRUE and 0 for FALSE, and a failed conditional write rolls back its own changes.

-- This table defines Orleans operational queries. Orleans uses these to manage its operations,
-- these are the only queries Orleans issues to the database.
-- These can be redefined (e.g. to provide non-destructive updates) provided the stated interface principles hold.
CREATE TABLE OrleansQuery
(
    QueryKey varchar(64) NOT NULL,
    QueryText varchar(8000) NOT NULL,

    CONSTRAINT OrleansQuery_Key PRIMARY KEY(QueryKey)
);
