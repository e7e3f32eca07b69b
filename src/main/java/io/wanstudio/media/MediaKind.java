package io.wanstudio.media;

/** The three kinds of input media the model accepts. */
public enum MediaKind {
    IMAGE, VIDEO, AUDIO
}
