package dev.lightbox.image.metadata;

import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * What kinds of metadata the stripper removed from an image, as named in the image JSON's {@code metadataRemoved}.
 * Listed in this order.
 */
public enum MetadataKind {
    /** Where the photo was taken: an Exif GPS directory. */
    GPS,
    /** A camera's or lens's serial number, its owner's name, or a maker note (vendor data that commonly holds them). */
    CAMERA_SERIAL,
    /** The rest of Exif: camera make and model, dates, exposure settings, an embedded thumbnail. */
    EXIF,
    /** An XMP packet (Adobe's metadata: edits history, creator, keywords, often location too). */
    XMP,
    /** IPTC or Photoshop information (captions, creator, copyright, keywords). */
    IPTC,
    /** Free-text comments (JPEG COM segments, GIF comment extensions). */
    COMMENT,
    /** PNG text chunks (tEXt, zTXt, iTXt): title, author, software, creation time and the like. */
    TEXT,
    /** Anything else that is not needed to show the image: other application segments, a modification time, data after the image's end. */
    OTHER;

    /** The name in JSON: {@code camera-serial}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The kinds' names, in this enum's order. */
    public static List<String> wire(Collection<MetadataKind> kinds) {
        return kinds.stream().sorted().map(MetadataKind::wire).toList();
    }
}
