package dev.palo.activities.dataset;

/**
 * The collection a record's image comes from: the first folder of its path, as in LLaVA's mixture
 * ({@code coco/train2017/…}, {@code gqa/images/…}, {@code ocr_vqa/…}, {@code textvqa/…}, {@code vg/…}).
 */
final class ImageSource {
    static final String TEXT_ONLY = "text-only";
    static final String IMAGE_ROOT = "root";

    private ImageSource() {
    }

    static String of(String image) {
        if (image == null) {
            return TEXT_ONLY;
        }
        int slash = image.indexOf('/');
        return slash > 0 ? image.substring(0, slash) : IMAGE_ROOT;
    }
}
