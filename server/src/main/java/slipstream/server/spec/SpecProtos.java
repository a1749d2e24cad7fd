package slipstream.server.spec;

import slipstream.proto.v1.TrackArchetype;
import slipstream.proto.v1.VetoKind;

/** Maps specs between the domain records and the v1 messages. */
public final class SpecProtos {

    private SpecProtos() {}

    public static slipstream.proto.v1.ConstraintSpec toProto(ConstraintSpec s) {
        var b = slipstream.proto.v1.ConstraintSpec.newBuilder()
                .setSpecId(s.specId()).setSlateId(s.slateId()).setSlateName(s.slateName())
                .setRaceDate(s.raceDate()).setRaceLaps(s.raceLaps()).setSalaryCap(s.salaryCap())
                .setRosterSize(s.rosterSize())
                .setTrack(slipstream.proto.v1.Track.newBuilder().setTrackId(s.track().trackId())
                        .setName(s.track().name()).setLengthMiles(s.track().lengthMiles())
                        .setSurface(s.track().surface())
                        .setArchetype(TrackArchetype.valueOf("TRACK_ARCHETYPE_" + s.track().archetype()))
                        .setScheduledLaps(s.track().scheduledLaps()))
                .setScoring(slipstream.proto.v1.ScoringTable.newBuilder().setName(s.scoring().name())
                        .addAllFinishPoints(s.scoring().finishPoints())
                        .setPlaceDifferentialPoints(s.scoring().placeDifferentialPoints())
                        .setLapLedPoints(s.scoring().lapLedPoints())
                        .setFastestLapPoints(s.scoring().fastestLapPoints()));
        s.entries().forEach(e -> b.addEntries(slipstream.proto.v1.Entry.newBuilder().setDriverId(e.driverId())
                .setDriverName(e.driverName()).setTeamId(e.teamId()).setCarNumber(e.carNumber())
                .setSalary(e.salary()).setStartPosition(e.startPosition()).setSitePlayerId(e.sitePlayerId())));
        s.teams().forEach(t -> b.addTeams(slipstream.proto.v1.Team.newBuilder().setTeamId(t.teamId()).setName(t.name())));
        s.vetoes().forEach(v -> b.addVetoes(slipstream.proto.v1.VetoRule.newBuilder().setRuleId(v.ruleId())
                .setKind(VetoKind.valueOf("VETO_KIND_" + v.kind())).addAllDriverIds(v.driverIds())
                .setReason(v.reason())));
        return b.build();
    }

    public static ConstraintSpec fromProto(slipstream.proto.v1.ConstraintSpec p) {
        var t = p.getTrack();
        var sc = p.getScoring();
        return new ConstraintSpec(p.getSpecId(), p.getSlateId(), p.getSlateName(), p.getRaceDate(),
                new ConstraintSpec.Track(t.getTrackId(), t.getName(), t.getLengthMiles(), t.getSurface(),
                        t.getArchetype().name().substring("TRACK_ARCHETYPE_".length()), t.getScheduledLaps()),
                p.getRaceLaps(), p.getSalaryCap(), p.getRosterSize(),
                new ConstraintSpec.ScoringRules(sc.getName(), sc.getFinishPointsList(),
                        sc.getPlaceDifferentialPoints(), sc.getLapLedPoints(), sc.getFastestLapPoints()),
                p.getEntriesList().stream().map(e -> new ConstraintSpec.Entry(e.getDriverId(), e.getDriverName(),
                        e.getTeamId(), e.getCarNumber(), e.getSalary(), e.getStartPosition(), e.getSitePlayerId())).toList(),
                p.getTeamsList().stream().map(x -> new ConstraintSpec.Team(x.getTeamId(), x.getName())).toList(),
                p.getVetoesList().stream().map(v -> new ConstraintSpec.Veto(v.getRuleId(),
                        v.getKind().name().substring("VETO_KIND_".length()), v.getDriverIdsList(), v.getReason())).toList());
    }
}
