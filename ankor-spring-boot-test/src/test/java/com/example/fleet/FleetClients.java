package com.example.fleet;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.service.registry.ImportHttpServices;

@Configuration(proxyBeanMethods = false)
@ImportHttpServices(group = "ankor", types = YachtApi.class)
public class FleetClients {

}
