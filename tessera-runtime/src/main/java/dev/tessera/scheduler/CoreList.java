package dev.tessera.scheduler; public final class CoreList {}
