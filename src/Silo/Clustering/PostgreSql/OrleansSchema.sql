-- PostgreSQL schema for Orleans' ADO.NET membership (Microsoft.Orleans.Clustering.AdoNet 10.4.2) and
-- reminders (Microsoft.Orleans.Reminders.AdoNet 10.4.2), applied by `dotnet MedifyAI.Silo.dll migrate`.
--
-- Orleans reads every statement it runs from the OrleansQuery table when a silo or client starts, and binds
-- parameters and result columns by name: parameters such as @DeploymentId, @Address, @Port, @Generation and
-- @Version; result columns such as "Address", "StartTime" and "Version" (Npgsql matches column names without
-- regard to case). Table and column names are this project's own.
--
-- The script is idempotent: tables use IF NOT EXISTS and the query rows are upserted, so running it again
-- after a change updates the stored queries in place. The migration runs it inside one transaction that
-- holds an advisory lock, so concurrent runs wait for each other.

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey varchar(64) NOT NULL PRIMARY KEY,
    QueryText text NOT NULL
);

-- One row per cluster (Orleans calls the cluster id DeploymentId here). Version is the membership table's
-- optimistic-concurrency token: every insert or update of a member must name the version it read, and
-- bumps it by one.
CREATE TABLE IF NOT EXISTS orleans_membership_version
(
    deployment_id varchar(150) NOT NULL PRIMARY KEY,
    changed_at timestamptz NOT NULL DEFAULT now(),
    version integer NOT NULL DEFAULT 0
);

-- One row per silo incarnation. Status holds Orleans' SiloStatus number (3 = Active, 6 = Dead);
-- suspect_times holds "silo-address,date|..." pairs written by Orleans.
CREATE TABLE IF NOT EXISTS orleans_membership
(
    deployment_id varchar(150) NOT NULL,
    address varchar(45) NOT NULL,
    port integer NOT NULL,
    generation integer NOT NULL,
    silo_name varchar(150) NOT NULL,
    host_name varchar(150) NOT NULL,
    status integer NOT NULL,
    proxy_port integer NOT NULL,
    suspect_times text NULL,
    start_time timestamptz NOT NULL,
    i_am_alive_time timestamptz NOT NULL,
    CONSTRAINT orleans_membership_pk PRIMARY KEY (deployment_id, address, port, generation)
);

-- Reminders of one service. grain_hash is the grain's uniform hash stored as a signed 32-bit integer, the
-- form Orleans sends; range queries compare in that signed order.
CREATE TABLE IF NOT EXISTS orleans_reminders
(
    service_id varchar(150) NOT NULL,
    grain_id varchar(512) NOT NULL,
    reminder_name varchar(150) NOT NULL,
    start_time timestamptz NOT NULL,
    period bigint NOT NULL,
    grain_hash integer NOT NULL,
    version integer NOT NULL,
    CONSTRAINT orleans_reminders_pk PRIMARY KEY (service_id, grain_id, reminder_name)
);

CREATE INDEX IF NOT EXISTS orleans_reminders_service_hash ON orleans_reminders (service_id, grain_hash);

INSERT INTO OrleansQuery (QueryKey, QueryText)
VALUES
-- Membership. Each query that returns a single boolean reports whether the row was written.
(
    'InsertMembershipVersionKey',
    $sql$
    WITH inserted AS (
        INSERT INTO orleans_membership_version (deployment_id)
        VALUES (@DeploymentId)
        ON CONFLICT (deployment_id) DO NOTHING
        RETURNING deployment_id
    )
    SELECT count(*) > 0 FROM inserted;
    $sql$
),
(
    -- The version row is locked first, so a concurrent writer that read the same version waits, then finds
    -- the version changed and writes nothing.
    'InsertMembershipKey',
    $sql$
    WITH expected_version AS (
        SELECT deployment_id
        FROM orleans_membership_version
        WHERE deployment_id = @DeploymentId AND version = @Version
        FOR UPDATE
    ),
    inserted AS (
        INSERT INTO orleans_membership
            (deployment_id, address, port, generation, silo_name, host_name, status, proxy_port,
             start_time, i_am_alive_time)
        SELECT deployment_id, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort,
               @StartTime, @IAmAliveTime
        FROM expected_version
        ON CONFLICT ON CONSTRAINT orleans_membership_pk DO NOTHING
        RETURNING deployment_id
    ),
    bumped AS (
        UPDATE orleans_membership_version AS v
        SET version = v.version + 1, changed_at = now()
        FROM inserted
        WHERE v.deployment_id = inserted.deployment_id
        RETURNING v.version
    )
    SELECT count(*) > 0 FROM bumped;
    $sql$
),
(
    'UpdateMembershipKey',
    $sql$
    WITH expected_version AS (
        SELECT deployment_id
        FROM orleans_membership_version
        WHERE deployment_id = @DeploymentId AND version = @Version
        FOR UPDATE
    ),
    updated AS (
        UPDATE orleans_membership AS m
        SET status = @Status, suspect_times = @SuspectTimes, i_am_alive_time = @IAmAliveTime
        FROM expected_version
        WHERE m.deployment_id = expected_version.deployment_id
            AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
        RETURNING m.deployment_id
    ),
    bumped AS (
        UPDATE orleans_membership_version AS v
        SET version = v.version + 1, changed_at = now()
        FROM updated
        WHERE v.deployment_id = updated.deployment_id
        RETURNING v.version
    )
    SELECT count(*) > 0 FROM bumped;
    $sql$
),
(
    -- The heartbeat changes no membership decision, so it does not bump the version.
    'UpdateIAmAlivetimeKey',
    $sql$
    UPDATE orleans_membership
    SET i_am_alive_time = @IAmAliveTime
    WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation;
    $sql$
),
(
    -- Returns one row even when the cluster has no member yet (NULL "StartTime"), because Orleans reads the
    -- table version from the first row.
    'MembershipReadAllKey',
    $sql$
    SELECT v.version AS "Version",
           m.address AS "Address", m.port AS "Port", m.generation AS "Generation",
           m.silo_name AS "SiloName", m.host_name AS "HostName", m.status AS "Status",
           m.proxy_port AS "ProxyPort", m.suspect_times AS "SuspectTimes",
           m.start_time AS "StartTime", m.i_am_alive_time AS "IAmAliveTime"
    FROM orleans_membership_version AS v
    LEFT JOIN orleans_membership AS m ON m.deployment_id = v.deployment_id
    WHERE v.deployment_id = @DeploymentId;
    $sql$
),
(
    'MembershipReadRowKey',
    $sql$
    SELECT v.version AS "Version",
           m.address AS "Address", m.port AS "Port", m.generation AS "Generation",
           m.silo_name AS "SiloName", m.host_name AS "HostName", m.status AS "Status",
           m.proxy_port AS "ProxyPort", m.suspect_times AS "SuspectTimes",
           m.start_time AS "StartTime", m.i_am_alive_time AS "IAmAliveTime"
    FROM orleans_membership_version AS v
    LEFT JOIN orleans_membership AS m
        ON m.deployment_id = v.deployment_id
        AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
    WHERE v.deployment_id = @DeploymentId;
    $sql$
),
(
    -- Clients call this with @Status = 3 (Active) to find the gateways they may connect to.
    'GatewaysQueryKey',
    $sql$
    SELECT address AS "Address", proxy_port AS "ProxyPort", generation AS "Generation"
    FROM orleans_membership
    WHERE deployment_id = @DeploymentId AND status = @Status AND proxy_port > 0;
    $sql$
),
(
    'DeleteMembershipTableEntriesKey',
    $sql$
    DELETE FROM orleans_membership WHERE deployment_id = @DeploymentId;
    DELETE FROM orleans_membership_version WHERE deployment_id = @DeploymentId;
    $sql$
),
(
    -- Removes rows of silos that are not active and have not sent a heartbeat since @IAmAliveTime.
    'CleanupDefunctSiloEntriesKey',
    $sql$
    DELETE FROM orleans_membership
    WHERE deployment_id = @DeploymentId AND i_am_alive_time < @IAmAliveTime AND status <> 3;
    $sql$
),
-- Reminders.
(
    'ReadReminderRowsKey',
    $sql$
    SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime",
           period AS "Period", version AS "Version"
    FROM orleans_reminders
    WHERE service_id = @ServiceId AND grain_id = @GrainId;
    $sql$
),
(
    'ReadReminderRowKey',
    $sql$
    SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime",
           period AS "Period", version AS "Version"
    FROM orleans_reminders
    WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName;
    $sql$
),
(
    -- The hash range (@BeginHash, @EndHash] when it does not wrap around in signed order.
    'ReadRangeRows1Key',
    $sql$
    SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime",
           period AS "Period", version AS "Version"
    FROM orleans_reminders
    WHERE service_id = @ServiceId AND grain_hash > @BeginHash AND grain_hash <= @EndHash;
    $sql$
),
(
    -- The hash range (@BeginHash, @EndHash] when it wraps around, including the whole ring when both are equal.
    'ReadRangeRows2Key',
    $sql$
    SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime",
           period AS "Period", version AS "Version"
    FROM orleans_reminders
    WHERE service_id = @ServiceId AND (grain_hash > @BeginHash OR grain_hash <= @EndHash);
    $sql$
),
(
    -- Returns the row's new version, which Orleans keeps as the reminder's ETag.
    'UpsertReminderRowKey',
    $sql$
    INSERT INTO orleans_reminders
        (service_id, grain_id, reminder_name, start_time, period, grain_hash, version)
    VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
    ON CONFLICT ON CONSTRAINT orleans_reminders_pk DO UPDATE
    SET start_time = excluded.start_time,
        period = excluded.period,
        grain_hash = excluded.grain_hash,
        version = orleans_reminders.version + 1
    RETURNING version AS "Version";
    $sql$
),
(
    'DeleteReminderRowKey',
    $sql$
    WITH deleted AS (
        DELETE FROM orleans_reminders
        WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName
            AND version = @Version
        RETURNING 1
    )
    SELECT count(*) > 0 FROM deleted;
    $sql$
),
(
    'DeleteReminderRowsKey',
    $sql$
    DELETE FROM orleans_reminders WHERE service_id = @ServiceId;
    $sql$
)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
