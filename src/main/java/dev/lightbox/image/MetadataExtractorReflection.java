package dev.lightbox.image;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * metadata-extractor creates EXIF directories with {@code Class.newInstance()} (DirectoryTiffHandler#pushDirectory).
 * The WebP reader meets EXIF chunks, so a native build needs these constructors; without them a WebP carrying EXIF in
 * its first bytes would be refused as unreadable. The library needs no resources and no other reflection on the
 * paths {@link ImageInspector} uses (JPEG SOF segments, PNG IHDR, GIF header, WebP RIFF chunks).
 */
@RegisterForReflection(classNames = {
                "com.drew.metadata.exif.ExifIFD0Directory",
                "com.drew.metadata.exif.ExifImageDirectory",
                "com.drew.metadata.exif.ExifInteropDirectory",
                "com.drew.metadata.exif.ExifSubIFDDirectory",
                "com.drew.metadata.exif.ExifThumbnailDirectory",
                "com.drew.metadata.exif.GpsDirectory",
                "com.drew.metadata.exif.PanasonicRawDistortionDirectory",
                "com.drew.metadata.exif.PanasonicRawIFD0Directory",
                "com.drew.metadata.exif.PanasonicRawWbInfo2Directory",
                "com.drew.metadata.exif.PanasonicRawWbInfoDirectory",
                "com.drew.metadata.exif.PrintIMDirectory",
                "com.drew.metadata.exif.makernotes.AppleMakernoteDirectory",
                "com.drew.metadata.exif.makernotes.AppleRunTimeMakernoteDirectory",
                "com.drew.metadata.exif.makernotes.CanonMakernoteDirectory",
                "com.drew.metadata.exif.makernotes.CasioType1MakernoteDirectory",
                "com.drew.metadata.exif.makernotes.CasioType2MakernoteDirectory",
                "com.drew.metadata.exif.makernotes.FujifilmMakernoteDirectory",
                "com.drew.metadata.exif.makernotes.KodakMakernoteDirectory",
                "com.drew.metadata.exif.makernotes.KyoceraMakernoteDirectory",
                "com.drew.metadata.exif.makernotes.LeicaMakernoteDirectory",
                "com.drew.metadata.exif.makernotes.LeicaType5MakernoteDirectory",
                "com.drew.metadata.exif.makernotes.NikonPictureControl1Directory",
                "com.drew.metadata.exif.makernotes.NikonPictureControl2Directory",
                "com.drew.metadata.exif.makernotes.NikonType1MakernoteDirectory",
                "com.drew.metadata.exif.makernotes.NikonType2MakernoteDirectory",
                "com.drew.metadata.exif.makernotes.OlympusCameraSettingsMakernoteDirectory",
                "com.drew.metadata.exif.makernotes.OlympusEquipmentMakernoteDirectory",
                "com.drew.metadata.exif.makernotes.OlympusFocusInfoMakernoteDirectory",
                "com.drew.metadata.exif.makernotes.OlympusImageProcessingMakernoteDirectory",
                "com.drew.metadata.exif.makernotes.OlympusMakernoteDirectory",
                "com.drew.metadata.exif.makernotes.OlympusRawDevelopment2MakernoteDirectory",
                "com.drew.metadata.exif.makernotes.OlympusRawDevelopmentMakernoteDirectory",
                "com.drew.metadata.exif.makernotes.OlympusRawInfoMakernoteDirectory",
                "com.drew.metadata.exif.makernotes.PanasonicMakernoteDirectory",
                "com.drew.metadata.exif.makernotes.PentaxMakernoteDirectory",
                "com.drew.metadata.exif.makernotes.ReconyxHyperFire2MakernoteDirectory",
                "com.drew.metadata.exif.makernotes.ReconyxHyperFireMakernoteDirectory",
                "com.drew.metadata.exif.makernotes.ReconyxUltraFireMakernoteDirectory",
                "com.drew.metadata.exif.makernotes.RicohMakernoteDirectory",
                "com.drew.metadata.exif.makernotes.SamsungType2MakernoteDirectory",
                "com.drew.metadata.exif.makernotes.SanyoMakernoteDirectory",
                "com.drew.metadata.exif.makernotes.SigmaMakernoteDirectory",
                "com.drew.metadata.exif.makernotes.SonyTag9050bDirectory",
                "com.drew.metadata.exif.makernotes.SonyType1MakernoteDirectory",
                "com.drew.metadata.exif.makernotes.SonyType6MakernoteDirectory"
})
final class MetadataExtractorReflection {

    private MetadataExtractorReflection() {
    }
}
