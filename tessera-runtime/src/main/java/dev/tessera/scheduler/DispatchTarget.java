package dev.tessera.scheduler; public interface DispatchTarget {}
