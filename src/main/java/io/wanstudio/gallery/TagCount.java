package io.wanstudio.gallery;

/** One of an owner's tags and on how many of their tasks it is: an entry of the gallery's tag filter. */
public record TagCount(String tag, long count) {
}
