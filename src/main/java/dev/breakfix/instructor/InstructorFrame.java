package dev.breakfix.instructor;

/**
 * What every instructor page shows around its content: who is signed in (null on the sign-in page), the
 * CSRF token page scripts send back, the section to highlight, and what is wrong with the cluster, if anything.
 */
public record InstructorFrame(String instructor, String csrf, String section, String clusterProblem, String clusterHelp) {
}
