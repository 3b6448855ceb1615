package dev.tessera.topology;

/** The two kinds of compute core: the cube (matrix) core and the vector core. */
public enum CoreType {
    AIC,
    AIV
}
