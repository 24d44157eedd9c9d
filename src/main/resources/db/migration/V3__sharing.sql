-- Read access to one image for one user, or for the members of one Cognito group as their current token says.
-- Deleting the image (or its owner's images) deletes its grants; a deleted grantee's grants go with the user.
create table image_grant (
    id               uuid          primary key,
    image_id         uuid          not null references image (id) on delete cascade,
    grantee_user_id  varchar(64),                      -- Cognito sub
    grantee_group    varchar(128),                     -- Cognito group name
    granted_by       varchar(64)   not null,
    created_at       timestamptz   not null,
    check ((grantee_user_id is null) <> (grantee_group is null)),
    unique (image_id, grantee_user_id),
    unique (image_id, grantee_group)
);
-- "Shared with me" starts from the caller's grants (by user, by each group of the token) and joins their images.
create index image_grant_user_idx on image_grant (grantee_user_id, image_id);
create index image_grant_group_idx on image_grant (grantee_group, image_id);
-- An image's grants, newest first (the unique constraints lead with image_id for the access check).
create index image_grant_image_newest_idx on image_grant (image_id, created_at desc, id desc);

-- A revocable link to one image. The link carries the id and a random secret; only the secret's SHA-256 is stored.
create table share_link (
    id           uuid          primary key,
    image_id     uuid          not null references image (id) on delete cascade,
    secret_hash  bytea         not null,
    created_by   varchar(64)   not null,
    created_at   timestamptz   not null,
    expires_at   timestamptz   not null,
    max_opens    integer       check (max_opens > 0),
    opens        integer       not null default 0,
    revoked_at   timestamptz
);
create index share_link_image_newest_idx on share_link (image_id, created_at desc, id desc);
