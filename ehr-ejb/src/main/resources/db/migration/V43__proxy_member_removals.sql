-- The members the chain removed from the consortium, as a proxy learnt it from MemberRemoved events (a row goes when
-- the chain adds the account again): a re-key delivered for such a member, as custodian or delegatee, is refused, also
-- one whose chain checks passed before the removal was journaled. The one row of proxy_re_key_lock orders such a
-- delivery and the removal: each takes it first, so that the removal's deletion sees the delivery's row or the
-- delivery sees the removal. Hospital nodes leave both unused.
create table proxy_member_removal (
    account      varchar(42)   not null primary key,
    block_number bigint        not null,
    removed_at   timestamp(6) with time zone not null
);

create table proxy_re_key_lock (
    id smallint not null primary key check (id = 1)
);

insert into proxy_re_key_lock (id) values (1);
