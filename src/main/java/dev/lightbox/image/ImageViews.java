package dev.lightbox.image;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import dev.lightbox.storage.ObjectStorage;
import dev.lightbox.storage.ObjectStorage.PresignedUrl;
import dev.lightbox.user.UserProfileStore;
import io.smallrye.mutiny.Uni;

/** Images as clients see them: with the owner's username and, once ready, a presigned GET URL. */
@ApplicationScoped
public class ImageViews {

    private final ObjectStorage storage;
    private final UserProfileStore profiles;
    private final Duration urlTtl;

    public ImageViews(ObjectStorage storage, UserProfileStore profiles, ImageConfig config) {
        this.storage = storage;
        this.profiles = profiles;
        this.urlTtl = config.urlTtl();
    }

    public ImageView of(ImageLookup.Found found) {
        return of(found, urlTtl);
    }

    /** With a URL that works for {@code urlLifetime} only. */
    public ImageView of(ImageLookup.Found found, Duration urlLifetime) {
        Image image = found.image();
        PresignedUrl url = image.status == ImageStatus.READY ? storage.presignGet(image.objectKey, urlLifetime) : null;
        return new ImageView(image.id, image.ownerId, found.ownerUsername(), image.level, image.status, image.filename,
                image.contentType, image.size, image.width, image.height, image.title, image.description,
                image.createdAt, image.updatedAt, url == null ? null : url.url(), url == null ? null : url.expiresAt(),
                image.metadataRemovedNames());
    }

    /** The view of an image whose owner's username is still to be looked up. */
    Uni<ImageView> withOwner(Image image) {
        return profiles.find(image.ownerId)
                .map(profile -> of(new ImageLookup.Found(image, profile.map(UserProfileStore.Profile::username).orElse(null))));
    }

    /** Where the bytes of a ready image can be fetched for the next {@code url-ttl}. */
    PresignedUrl contentUrl(Image image) {
        return storage.presignGet(image.objectKey, urlTtl);
    }
}
