package dev.tessera.scheduler; public final class TaskSlot {}
