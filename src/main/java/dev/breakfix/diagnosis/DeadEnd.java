package dev.breakfix.diagnosis;

import java.util.Locale;

/** A dead end before it is put into words; see {@link Coaching} for the ids. */
public record DeadEnd(String id, Msg what, Msg why, Msg next) {

    public static final String POD_IMMUTABLE = "pod-immutable";
    public static final String IMAGE_BACKOFF_AFTER_SET_IMAGE = "image-backoff-after-set-image";
    public static final String CHAPTER_NODE_LABEL = "chapter-node-label";
    public static final String POD_EDITED_NOT_DEPLOYMENT = "pod-edited-not-deployment";
    public static final String POD_RECREATED_BY_REPLICASET = "pod-recreated-by-replicaset";

    public Coaching render(Locale locale) {
        return new Coaching(id, what.render(locale), why.render(locale), next.render(locale));
    }
}
