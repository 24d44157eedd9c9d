package dev.lightbox.image;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.lightbox.storage.ObjectStorage;
import dev.lightbox.storage.ObjectStorage.PresignedUrl;
import dev.lightbox.user.UserProfileStore;
import dev.lightbox.variant.ImageVariant;
import dev.lightbox.variant.Placeholder;
import dev.lightbox.variant.VariantView;
import io.smallrye.mutiny.Uni;

/** Images as clients see them: with the owner's username and, once ready, presigned GET URLs of the original and its variants. */
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

    /** With URLs (the original's and its variants') that work for {@code urlLifetime} only. */
    public ImageView of(ImageLookup.Found found, Duration urlLifetime) {
        Image image = found.image();
        boolean ready = image.status == ImageStatus.READY;
        PresignedUrl url = ready ? storage.presignGet(image.objectKey, urlLifetime) : null;
        List<VariantView> variants = new ArrayList<>();
        if (ready) {
            for (ImageVariant variant : found.variants()) {
                PresignedUrl variantUrl = storage.presignGet(variant.objectKey, urlLifetime);
                variants.add(new VariantView(variant.name, variant.width, variant.height, variant.contentType,
                        variantUrl.url(), variantUrl.expiresAt()));
            }
        }
        Placeholder placeholder = ready && image.placeholderBlurhash != null
                ? new Placeholder(image.placeholderBlurhash, image.placeholderColor) : null;
        return new ImageView(image.id, image.ownerId, found.ownerUsername(), image.level, image.status, image.filename,
                image.contentType, image.size, image.width, image.height, image.title, image.description,
                image.createdAt, image.updatedAt, url == null ? null : url.url(), url == null ? null : url.expiresAt(),
                image.metadataRemovedNames(), variants, placeholder);
    }

    /** The view of a new image (no variants yet) whose owner's username is still to be looked up. */
    Uni<ImageView> withOwner(Image image) {
        return profiles.find(image.ownerId)
                .map(profile -> of(new ImageLookup.Found(image, profile.map(UserProfileStore.Profile::username).orElse(null), List.of())));
    }

    /** Where the bytes of a ready image can be fetched for the next {@code url-ttl}. */
    PresignedUrl contentUrl(Image image) {
        return storage.presignGet(image.objectKey, urlTtl);
    }
}
